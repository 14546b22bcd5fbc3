import { messagesLayout } from '@/app/_components/client-messages';

/** The staff and team forms' texts. */
export default messagesLayout('adminPeople');
