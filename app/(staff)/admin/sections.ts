/** The administration sections, in the order the admin menu shows them (issue: administration). */
export const ADMIN_SECTIONS = [
  { href: '/admin/personas', key: 'people' },
  { href: '/admin/enrutamiento', key: 'routing' },
  { href: '/admin/tipos', key: 'types' },
  { href: '/admin/calendario', key: 'calendar' },
  { href: '/admin/catalogos', key: 'catalogues' },
  { href: '/admin/plantillas', key: 'templates' },
  { href: '/admin/canales', key: 'channels' },
  { href: '/admin/buzones', key: 'mailboxes' },
  { href: '/admin/organizacion', key: 'organization' },
  { href: '/admin/auditoria', key: 'audit' },
  { href: '/admin/datos-personales', key: 'personalData' },
] as const;
