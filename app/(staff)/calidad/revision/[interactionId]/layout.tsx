import { messagesLayout } from '@/app/_components/client-messages';

/** The review form's texts. */
export default messagesLayout('qualityReview');
