import { messagesLayout } from '@/app/_components/client-messages';

/** The contact correction form's texts. */
export default messagesLayout('petitionerRecord');
