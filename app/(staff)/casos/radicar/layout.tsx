import { messagesLayout } from '@/app/_components/client-messages';

/** The verbal filing form's texts. */
export default messagesLayout('intake');
