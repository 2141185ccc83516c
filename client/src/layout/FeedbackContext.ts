import { createContext } from 'react';
import type { message, Modal } from 'antd';

export interface Feedback {
  message: ReturnType<typeof message.useMessage>[0];
  modal: ReturnType<typeof Modal.useModal>[0];
}

export const FeedbackContext = createContext<Feedback | null>(null);
