import { messagesLayout } from '@/app/_components/client-messages';

/** The board's texts. */
export default messagesLayout('board');
