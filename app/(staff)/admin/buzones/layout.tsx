import { messagesLayout } from '@/app/_components/client-messages';

/** The mailbox forms' texts (the catalogue form's notices). */
export default messagesLayout('adminCatalog');
