import { createContext } from 'react';
import type { message, ModalFuncProps } from 'antd';

export interface Feedback {
  message: ReturnType<typeof message.useMessage>[0];
  /** A confirmation dialog (Ant Design's `Modal.confirm`, loaded on first use). */
  modal: { confirm: (config: ModalFuncProps) => void };
}

export const FeedbackContext = createContext<Feedback | null>(null);
