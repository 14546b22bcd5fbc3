import { messagesLayout } from '@/app/_components/client-messages';

/** The case page's forms' texts (its constancia, a print view, gets them too). */
export default messagesLayout('staffCase');
