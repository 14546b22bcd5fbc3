import { messagesLayout } from '@/app/_components/client-messages';

/** The profile and logo forms' texts. */
export default messagesLayout('adminOrganization');
