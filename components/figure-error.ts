/** The figure's error state: message and Retry shown, the chart on screen (static or last drawn) kept. */
export function showError(root: HTMLElement, message: string): void {
  const box = root.querySelector<HTMLElement>('.ld-error');
  const text = root.querySelector('.ld-error-message');
  if (text) text.textContent = message;
  if (box) box.hidden = false;
  root.dataset.state = 'error';
}
