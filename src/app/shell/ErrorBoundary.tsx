import { Component, type ReactNode } from 'react';

interface Props {
  /** What this part of the page is, for the message ("The panels"). */
  readonly area: string;
  readonly children: ReactNode;
}

/** Keeps one failing part of the page (a panel, the editor) from blanking the rest; says what broke. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="run-error" role="alert">
        <span>
          {this.props.area} stopped working: {error.message}
        </span>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
