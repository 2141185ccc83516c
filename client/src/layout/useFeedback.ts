import { useContext } from 'react';
import { FeedbackContext, type Feedback } from './FeedbackContext';

/** `message` toasts and `modal.confirm` dialogs, from the FeedbackProvider at the root. */
export function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (!feedback) throw new Error('useFeedback needs a <FeedbackProvider> above it (see main.tsx).');
  return feedback;
}
