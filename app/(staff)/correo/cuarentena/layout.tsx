import { messagesLayout } from '@/app/_components/client-messages';

/** The quarantine's decision forms use the catalogue form and its notices. */
export default messagesLayout('adminCatalog');
