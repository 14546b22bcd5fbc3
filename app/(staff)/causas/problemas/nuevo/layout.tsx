import { messagesLayout } from '@/app/_components/client-messages';

/** The problem form's texts. */
export default messagesLayout('problems');
