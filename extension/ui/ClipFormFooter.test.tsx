import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { renderRoot, until } from '../../test/support/dom';
import { InvalidChangeError } from '../store/local-change';
import { ClipFormFooter, useClipSaving } from './ClipFormFooter';

const HOSTILE = '<img src=x onerror="alert(1)">';
const app = renderRoot();

/** A preview reduced to its footer; `onReady` hands the test the hook’s `run`. */
function Harness(props: { onReady: (run: ReturnType<typeof useClipSaving>['run']) => void; onClose?: () => void }) {
  const { errors, busy, run } = useClipSaving('en');
  props.onReady(run);
  return (
    <form>
      <ClipFormFooter
        errors={errors}
        busy={busy}
        saveLabel="Save"
        savingLabel="Saving…"
        saveTestId="clip-save"
        close={props.onClose ? { label: 'Close', onClose: props.onClose } : undefined}
      />
    </form>
  );
}

const button = () => app().querySelector('[data-testid=clip-save]') as HTMLButtonElement;

describe('ClipFormFooter and useClipSaving', () => {
  it('shows errors as text in alerts, Save and, when the preview can be put away, Close', () => {
    render(
      <ClipFormFooter errors={[`no name ${HOSTILE}`]} busy={false} saveLabel="Save" savingLabel="Saving…">
        <p role="status">saved</p>
      </ClipFormFooter>,
      app(),
    );
    expect(app().querySelector('img')).toBeNull();
    expect(app().querySelector('[role=alert]')?.textContent).toBe(`no name ${HOSTILE}`);
    expect([...app().querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Save']);
    expect(app().querySelector('[role=alert] + [role=status] + .actions')).not.toBeNull();
  });

  it('is busy while saving, then shows the store’s refusal naming the field', async () => {
    let run: ReturnType<typeof useClipSaving>['run'] = async () => {};
    let release: () => void = () => {};
    render(<Harness onReady={(r) => (run = r)} onClose={() => {}} />, app());
    expect(button().textContent).toBe('Save');
    let saving: Promise<void> = Promise.resolve();
    act(() => {
      saving = run(async () => {
        await new Promise<void>((resolve) => (release = resolve));
        throw new InvalidChangeError('phones.0', 'must be E.164');
      });
    });
    await until(app(), () => button().disabled, 'the busy state');
    expect(button().textContent).toBe('Saving…');
    release();
    await saving;
    await until(app(), () => !button().disabled, 'the end of the save');
    expect(app().querySelector('[role=alert]')?.textContent).toBe('Not saved: phones.0: must be E.164');
    expect([...app().querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Save', 'Close']);
  });

  it('lets a failure that is not a refusal through', async () => {
    let run: ReturnType<typeof useClipSaving>['run'] = async () => {};
    render(<Harness onReady={(r) => (run = r)} />, app());
    await expect(
      run(async () => {
        throw new TypeError('db closed');
      }),
    ).rejects.toThrow('db closed');
  });
});
