import { messagesLayout } from '@/app/_components/client-messages';

/** The catalogue forms' texts. */
export default messagesLayout('adminCatalog');
