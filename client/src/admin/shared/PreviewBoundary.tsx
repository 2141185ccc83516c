import { Component, type ReactNode } from 'react';
import { Alert } from 'antd';

interface State {
  error: Error | null;
  resetKey: string;
}

/** Keeps a half-edited schema that rjsf cannot render from taking the page down; retries when the schema changes. */
export class PreviewBoundary extends Component<{ resetKey: string; message: string; children: ReactNode }, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  render() {
    if (this.state.error) return <Alert type="warning" showIcon title={this.props.message} description={this.state.error.message} />;
    return this.props.children;
  }
}
