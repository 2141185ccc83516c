import { useContext } from 'react';
import { FeedbackContext, type Feedback } from './FeedbackContext';

/** `message` toasts and `modal.confirm` dialogs, from the FeedbackProvider of the layout (AntdProvider). */
export function useFeedback(): Feedback {
  const feedback = useContext(FeedbackContext);
  if (!feedback) throw new Error('useFeedback needs a <FeedbackProvider> above it (layout/AntdProvider, which AppLayout and PublicLayout put around every page).');
  return feedback;
}
