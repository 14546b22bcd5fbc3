import { messagesLayout } from '@/app/_components/client-messages';

/** The anonymising form's texts. */
export default messagesLayout('adminPersonal');
