import { messagesLayout } from '@/app/_components/client-messages';

/** The problem's forms' texts. */
export default messagesLayout('problems');
