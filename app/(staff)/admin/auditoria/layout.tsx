import { messagesLayout } from '@/app/_components/client-messages';

/** The chain check's texts. */
export default messagesLayout('adminAudit');
