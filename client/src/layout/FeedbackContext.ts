import { createContext } from 'react';
import type { ModalFuncProps } from 'antd';
import type { MessageType, TypeOpen } from 'antd/es/message/interface';

/** The kinds of toast the pages use. */
export type ToastKind = 'info' | 'success' | 'error' | 'warning';

/** A toast asked for; `settle` gets Ant Design's handle once the message component has shown it. */
export interface ToastRequest {
  kind: ToastKind;
  args: Parameters<TypeOpen>;
  settle: (shown: MessageType) => void;
}

export interface Feedback {
  /** Toasts (Ant Design's `message`, loaded with the first one). */
  message: Record<ToastKind, TypeOpen>;
  /** A confirmation dialog (Ant Design's `Modal.confirm`, loaded on first use). */
  modal: { confirm: (config: ModalFuncProps) => void };
}

export const FeedbackContext = createContext<Feedback | null>(null);
