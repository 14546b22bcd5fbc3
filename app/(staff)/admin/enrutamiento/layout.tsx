import { messagesLayout } from '@/app/_components/client-messages';

/** The routing editors' texts. */
export default messagesLayout('adminRouting');
