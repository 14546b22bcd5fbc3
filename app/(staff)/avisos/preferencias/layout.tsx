import { messagesLayout } from '@/app/_components/client-messages';

/** The preferences form's texts. */
export default messagesLayout('notificationPrefs');
