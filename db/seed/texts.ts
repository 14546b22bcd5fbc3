/**
 * Spanish subjects and descriptions for seeded cases, by type and, for complaints, by originating
 * process and root cause (indexes into PROCESSES[].rootCauses). `{slots}` are filled per case.
 */
import type { CaseType } from '@/lib/domain/enums';
import type { Random } from './random';

export interface CaseText {
  subject: string;
  description: string;
  /** Originating process name (PROCESSES); routes the case to its team. */
  process?: string;
  /** Index of the root cause within the process. */
  cause?: number;
}

type ComplaintTexts = Readonly<Record<string, { R: readonly CaseText[]; Q: readonly CaseText[] }>>;

// prettier-ignore
export const COMPLAINT_TEXTS: ComplaintTexts = {
  'Facturación': {
    R: [
      { subject: 'Cobro doble en la factura de {mes}', description: 'En la factura de {mes} me cobraron dos veces el consumo del mismo periodo. El valor total llegó por {monto} cuando normalmente pago la mitad. Solicito que corrijan la factura y me devuelvan lo cobrado de más.', cause: 0 },
      { subject: 'Me están cobrando un estrato que no es el mío', description: 'Mi casa en el barrio {barrio} es estrato 2 según el certificado de la alcaldía, pero desde {mes} la factura viene liquidada como estrato 4. Adjunto el certificado y pido el ajuste retroactivo.', cause: 1 },
      { subject: 'Pagué la factura y sigue apareciendo como pendiente', description: 'El {fecha} pagué {monto} en un corresponsal bancario y la factura nueva me muestra el saldo como vencido, con intereses de mora. Tengo el comprobante de pago.', cause: 2 },
      { subject: 'La factura llegó después de la fecha límite de pago', description: 'La factura de {mes} me llegó {dias} días después de la fecha límite y ahora me cobran recargo por pago tardío. No es justo pagar intereses por una demora de ustedes.', cause: 3 },
      { subject: 'Cobro de un servicio que no solicité', description: 'En la factura de {mes} aparece un cobro de {monto} por "servicios adicionales" que nunca pedí. Solicito que lo retiren y me expliquen de dónde salió.', cause: 0 },
      { subject: 'Consumo facturado muy superior al habitual', description: 'Siempre pago alrededor de {monto}, pero este mes la factura llegó por el triple. En la casa vivimos dos personas y no ha cambiado nada. Pido una revisión del cobro.', cause: 1 },
    ],
    Q: [
      { subject: 'El asesor de facturación no quiso recibir mi reclamo', description: 'Fui a la oficina a reclamar por un cobro y el asesor me dijo que "eso no se podía" sin revisar nada. Me atendió de mala gana y no me dio ningún número de radicado.', cause: 0 },
      { subject: 'Me trataron con displicencia al preguntar por mi factura', description: 'Llamé a preguntar por qué mi factura subió tanto y la persona que me atendió fue grosera y me colgó. Quiero que se tomen medidas.', cause: 1 },
    ],
  },
  'Entrega y domicilios': {
    R: [
      { subject: 'El medidor nuevo no ha sido entregado', description: 'Pagué el medidor nuevo el {fecha} y me dijeron que lo entregaban en cinco días hábiles. Ya pasaron {dias} días y nadie ha venido.', cause: 0 },
      { subject: 'Entregaron los documentos en otra dirección', description: 'La copia del contrato que pedí la entregaron en una dirección del barrio {barrio} que no es la mía. Mi dirección está bien escrita en la solicitud.', cause: 1 },
      { subject: 'El kit de instalación llegó incompleto', description: 'Recibí el kit para la conexión domiciliaria pero faltan el regulador y las abrazaderas. Solicito que completen la entrega.', cause: 2 },
    ],
    Q: [
      { subject: 'El mensajero fue grosero al entregar el pedido', description: 'El mensajero que trajo el pedido el {fecha} le habló de forma irrespetuosa a mi mamá, que es una persona mayor, porque se demoró en bajar.', cause: 0 },
    ],
  },
  'Instalación': {
    R: [
      { subject: 'No llegaron a la visita de instalación programada', description: 'Me programaron la instalación para el {fecha} entre 8:00 y 12:00. Pedí el día libre en el trabajo y nadie llegó ni avisó.', cause: 0 },
      { subject: 'La instalación quedó con una fuga', description: 'Desde que instalaron la acometida hay una fuga en la unión junto al medidor. Ya se nota la humedad en la pared.', cause: 1 },
      { subject: 'Suspendieron la instalación por falta de materiales', description: 'El técnico vino el {fecha} pero dijo que no tenía tubería suficiente y que volvía otro día. Llevo {dias} días esperando.', cause: 2 },
    ],
    Q: [
      { subject: 'El técnico de instalación dejó todo sucio y fue descortés', description: 'El técnico que hizo la instalación dejó escombros en la entrada y cuando le pedí que limpiara me respondió de mala manera.', cause: 1 },
    ],
  },
  'Reparaciones y mantenimiento': {
    R: [
      { subject: 'Daño en la tubería de la calle sin reparar', description: 'Desde el {fecha} hay un tubo roto en la esquina de la carrera {numero} en el barrio {barrio}. Se está perdiendo mucha agua y nadie ha venido.', cause: 0 },
      { subject: 'La reparación no solucionó el problema', description: 'Vinieron a reparar la falla del servicio el {fecha}, pero al día siguiente volvió a fallar igual. Solicito una nueva visita y una revisión de fondo.', cause: 1 },
      { subject: 'Dejaron escombros después de la reparación', description: 'Después de la reparación en el andén de mi casa dejaron tierra y escombros hace {dias} días. Es un peligro para los peatones.', cause: 2 },
      { subject: 'Corte del servicio sin aviso previo', description: 'El {fecha} suspendieron el servicio todo el día en el barrio {barrio} sin ningún aviso. Tengo un negocio de comidas y perdí las ventas del día.', cause: 3 },
    ],
    Q: [
      { subject: 'La cuadrilla de reparación trató mal a los vecinos', description: 'Los trabajadores de la cuadrilla que reparó el daño en el barrio {barrio} respondieron con groserías cuando los vecinos preguntaron cuánto se iban a demorar.', cause: 0 },
    ],
  },
  'Punto de atención': {
    R: [
      { subject: 'En el punto de atención me dieron información errada', description: 'En la oficina del centro me dijeron que el cambio de titular no necesitaba escritura. Cuando volví con los papeles me dijeron lo contrario y perdí el viaje.', cause: 2 },
    ],
    Q: [
      { subject: 'El asesor del punto de atención fue descortés', description: 'El {fecha} en el punto de atención del centro el asesor me atendió sin mirarme, contestando el celular, y me dijo que volviera otro día sin explicarme nada.', cause: 0 },
      { subject: 'Esperé más de dos horas para ser atendido', description: 'Llegué a la oficina a las {hora} y me atendieron más de dos horas después. Había solo dos ventanillas abiertas de seis.', cause: 1 },
      { subject: 'No respetaron la atención preferencial', description: 'Fui con mi papá de 82 años y no nos dieron turno preferencial. El vigilante dijo que teníamos que hacer la fila como todos.', cause: 1 },
      { subject: 'La asesora se burló de mi pregunta', description: 'Pregunté cómo leer la factura y la asesora se rió con su compañera. Me sentí humillada.', cause: 0 },
    ],
  },
  'Cobranza': {
    R: [
      { subject: 'Me cobran una deuda que ya pagué', description: 'Me siguen llegando cobros por una deuda de {monto} que pagué completa en {mes}. Tengo el paz y salvo firmado por ustedes.', cause: 0 },
      { subject: 'No registraron mi acuerdo de pago', description: 'Firmé un acuerdo de pago a seis cuotas el {fecha} y la factura sigue mostrando el saldo total con intereses.', cause: 2 },
    ],
    Q: [
      { subject: 'Me llaman a cobrar varias veces al día', description: 'La empresa de cobranza me llama hasta cinco veces al día, incluso los domingos, y me hablan en tono amenazante. Ya estoy al día.', cause: 1 },
      { subject: 'El gestor de cobro me amenazó con cortar el servicio', description: 'El gestor que vino a la casa me dijo que si no pagaba ese mismo día me cortaban el servicio, aunque tengo acuerdo de pago vigente.', cause: 1 },
    ],
  },
  'Lectura de medidores': {
    R: [
      { subject: 'Facturaron una lectura estimada sin visitar el medidor', description: 'La factura de {mes} dice "consumo estimado". Nadie vino a leer el medidor y el valor estimado es mucho mayor que lo que consumimos.', cause: 0 },
      { subject: 'La lectura del medidor quedó mal digitada', description: 'La lectura real de mi medidor es {numero} y en la factura aparece una cifra mucho mayor. Adjunto foto del medidor.', cause: 1 },
      { subject: 'El medidor está dañado y me cobran consumos altos', description: 'El medidor gira aunque todas las llaves estén cerradas. Pido revisión del equipo y que no me cobren lo que marca de más.', cause: 2 },
    ],
    Q: [
      { subject: 'El lector entró al predio sin autorización', description: 'El lector del medidor abrió la reja y entró al patio sin tocar ni identificarse. Mis hijos estaban solos.', cause: 0 },
    ],
  },
  'Atención telefónica': {
    R: [
      { subject: 'Llamé tres veces y nadie solucionó el problema', description: 'Llamé a la línea de atención los días {fecha} y siguientes, me tomaron los datos y me dijeron que me devolvían la llamada. Nunca llamaron.', cause: 0 },
    ],
    Q: [
      { subject: 'Me dejaron en espera más de 40 minutos en la línea', description: 'Llamé a la línea de atención a las {hora} y estuve en espera más de 40 minutos. Cuando por fin contestaron, se cortó la llamada.', cause: 1 },
      { subject: 'Cada asesor de la línea me dice algo diferente', description: 'He llamado tres veces por el mismo tema y cada asesor me da una respuesta distinta. No sé a quién creerle.', cause: 2 },
      { subject: 'La asesora telefónica me colgó', description: 'Estaba explicando mi caso y la asesora me dijo que no tenía tiempo y me colgó. Quiero una explicación.', cause: 0 },
    ],
  },
};

// prettier-ignore
export const OTHER_TEXTS: Readonly<Record<Exclude<CaseType, 'Q' | 'R'>, readonly CaseText[]>> = {
  P: [
    { subject: 'Solicitud de cambio de titular del servicio', description: 'Compré la casa ubicada en el barrio {barrio} y solicito que el servicio quede a mi nombre. Adjunto la escritura y la copia de mi cédula.', process: 'Punto de atención' },
    { subject: 'Solicitud de revisión del estrato', description: 'Solicito que revisen el estrato asignado a mi predio, pues la alcaldía lo reclasificó en {mes}. Adjunto el certificado de estratificación.', process: 'Facturación' },
    { subject: 'Solicitud de acuerdo de pago', description: 'Por una situación de desempleo tengo un saldo de {monto}. Solicito un acuerdo de pago a seis cuotas para no perder el servicio.', process: 'Cobranza' },
    { subject: 'Suspensión temporal del servicio por viaje', description: 'Voy a estar fuera del país por {dias} días y solicito la suspensión temporal del servicio para no generar cargos fijos.', process: 'Punto de atención' },
    { subject: 'Solicitud de reconexión del servicio', description: 'Ya pagué el saldo pendiente el {fecha} y solicito la reconexión del servicio lo antes posible. Tengo un bebé en la casa.', process: 'Reparaciones y mantenimiento' },
    { subject: 'Solicitud de traslado del medidor', description: 'Vamos a remodelar la fachada y necesitamos trasladar el medidor unos dos metros. Solicito la visita técnica y el costo del trabajo.', process: 'Instalación' },
    { subject: 'Solicitud de nueva conexión domiciliaria', description: 'Construimos un segundo piso independiente y solicitamos una nueva conexión con su propio medidor.', process: 'Instalación' },
    { subject: 'Solicitud de revisión del medidor', description: 'Solicito una revisión del medidor porque hace ruido y creo que no está marcando bien el consumo.', process: 'Lectura de medidores' },
  ],
  PD: [
    { subject: 'Copia de las facturas de los últimos seis meses', description: 'Solicito copia de las facturas de los últimos seis meses del servicio a mi nombre, para un trámite en el banco.', process: 'Facturación' },
    { subject: 'Certificado de paz y salvo', description: 'Necesito un certificado de paz y salvo del servicio del inmueble del barrio {barrio} para poder vender la casa.', process: 'Cobranza' },
    { subject: 'Historial de consumos del último año', description: 'Solicito el historial de consumos mes a mes del último año para comparar con las lecturas que he tomado.', process: 'Lectura de medidores' },
    { subject: 'Copia del contrato de condiciones uniformes', description: 'Solicito una copia del contrato de condiciones uniformes vigente y de sus modificaciones.', process: 'Punto de atención' },
    { subject: 'Copia del acta de la visita técnica', description: 'Solicito copia del acta que firmó el técnico en la visita del {fecha}, pues no me dejaron copia.', process: 'Reparaciones y mantenimiento' },
  ],
  C: [
    { subject: '¿Cómo se calcula el cargo fijo de la factura?', description: 'Quisiera saber cómo se calcula el cargo fijo que aparece en la factura y por qué cambió desde {mes}.', process: 'Facturación' },
    { subject: 'Consulta sobre subsidios para estratos 1 y 2', description: 'Quisiera saber si mi hogar tiene derecho a subsidio y qué debo hacer para que lo apliquen en la factura.', process: 'Facturación' },
    { subject: '¿Qué documentos necesito para cambiar de titular?', description: 'Voy a comprar un apartamento y quisiera saber qué documentos necesito para poner los servicios a mi nombre.', process: 'Punto de atención' },
    { subject: 'Consulta sobre el cobro de reconexión', description: 'Quisiera saber cuánto cuesta la reconexión y en cuánto tiempo la hacen después de pagar.', process: 'Cobranza' },
  ],
  S: [
    { subject: 'Ampliar el horario del punto de atención los sábados', description: 'Sugiero abrir el punto de atención los sábados en la mañana. Muchos trabajamos entre semana y no alcanzamos a llegar.', process: 'Punto de atención' },
    { subject: 'Enviar la factura por correo electrónico', description: 'Sugiero que la factura se pueda recibir solo por correo electrónico. Se ahorra papel y llega más rápido.', process: 'Facturación' },
    { subject: 'Pago con código QR en la factura', description: 'Sería muy útil poder pagar la factura escaneando un código QR desde la aplicación del banco.', process: 'Facturación' },
    { subject: 'Avisar los cortes programados por mensaje de texto', description: 'Sugiero avisar los cortes programados por mensaje de texto o WhatsApp con al menos dos días de anticipación.', process: 'Reparaciones y mantenimiento' },
  ],
  D: [
    { subject: 'Posible conexión fraudulenta en el barrio', description: 'En la calle {numero} del barrio {barrio} hay una conexión directa a la red sin medidor. Lleva varios meses así.', process: 'Lectura de medidores' },
    { subject: 'Un funcionario pidió dinero para agilizar un trámite', description: 'Un funcionario que se identificó como de la empresa me pidió {monto} en efectivo para agilizar la instalación. No le pagué.', process: 'Instalación' },
    { subject: 'Contratista botando escombros en zona verde', description: 'Una volqueta con el logo del contratista de la empresa está botando escombros en la zona verde junto al río, en el barrio {barrio}.', process: 'Reparaciones y mantenimiento' },
    { subject: 'Vehículo de la empresa usado para fines personales', description: 'La camioneta de placas de la empresa se ve los fines de semana estacionada en un balneario. Parece uso personal.' },
  ],
  F: [
    { subject: 'Felicitación al técnico que reparó el daño', description: 'Quiero felicitar al técnico que vino el {fecha}: fue puntual, amable y dejó todo limpio. Así da gusto.', process: 'Reparaciones y mantenimiento' },
    { subject: 'Excelente atención en el punto de atención del centro', description: 'La asesora que me atendió en el punto del centro fue muy paciente y me explicó todo con claridad. Muchas gracias.', process: 'Punto de atención' },
    { subject: 'Agradecimiento por la rápida reconexión', description: 'Pagué en la mañana y en la tarde ya tenía el servicio. Gracias por la rapidez.', process: 'Reparaciones y mantenimiento' },
    { subject: 'Felicitaciones a la línea de atención', description: 'El asesor de la línea telefónica resolvió mi problema en una sola llamada. Excelente servicio.', process: 'Atención telefónica' },
  ],
};

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

// prettier-ignore
export const NEIGHBOURHOODS = ['San Fernando', 'El Ingenio', 'Ciudad Jardín', 'Alfonso López', 'Siloé', 'Granada', 'San Antonio', 'El Peñón', 'Los Guaduales', 'Mojica', 'Terrón Colorado', 'La Flora', 'Villa del Lago', 'El Troncal', 'Manzanares'];

/** Fills the `{slots}` of a seeded text with plausible values. */
export function fillText(template: string, rnd: Random): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'mes':
        return rnd.pick(MONTHS);
      case 'monto':
        // Colombian pesos with a dot as thousands separator, e.g. "$ 87.450".
        return `$ ${rnd.int(25, 480)}.${String(rnd.int(0, 19) * 50).padStart(3, '0')}`;
      case 'dias':
        return String(rnd.int(4, 25));
      case 'barrio':
        return rnd.pick(NEIGHBOURHOODS);
      case 'hora':
        return `${rnd.int(7, 11)}:${rnd.pick(['00', '15', '30', '45'])} a. m.`;
      case 'fecha':
        return `${rnd.int(1, 28)} de ${rnd.pick(MONTHS)}`;
      case 'numero':
        return String(rnd.int(10, 99));
      default:
        return slot;
    }
  });
}
