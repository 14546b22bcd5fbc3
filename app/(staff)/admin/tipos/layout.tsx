import { messagesLayout } from '@/app/_components/client-messages';

/** The configuration forms' texts. */
export default messagesLayout('adminConfig');
