import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useBlocker } from 'react-router';

interface AskProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  stayLabel?: string;
  leaveLabel: string;
  leaveColor?: string;
  onStay: () => void;
  onLeave: () => void;
  busy?: boolean;
  /** false: the caller places the focus itself on staying (default: back where it was). */
  returnFocus?: boolean;
}

/** The one "are you sure you want to leave" question; the leave button has focus, so Enter confirms. */
export function LeaveQuestion({ opened, title, message, stayLabel = 'Stay', leaveLabel, leaveColor, onStay, onLeave, busy, returnFocus = true }: AskProps) {
  return (
    <Modal opened={opened} onClose={onStay} title={title} centered size={460} zIndex={400} returnFocus={returnFocus}>
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onStay}>
            {stayLabel}
          </Button>
          <Button data-autofocus color={leaveColor} loading={busy} onClick={onLeave}>
            {leaveLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Asks before the route changes (a sidebar link, a breadcrumb, Back) while `shouldAsk()` says there is
 * typed work. `shouldAsk` is read at the moment of leaving, so a screen that saves and then navigates
 * itself can turn it off in the same tick (through a ref). `beforeLeave` runs when the clerk confirms
 * (e.g. the invoice editor keeps its draft first).
 */
export function LeaveGuard({
  shouldAsk,
  title = 'Leave without saving?',
  message = 'What you typed here is not saved and will be lost.',
  leaveLabel = 'Leave without saving',
  beforeLeave,
}: {
  shouldAsk: () => boolean;
  title?: string;
  message?: ReactNode;
  leaveLabel?: string;
  beforeLeave?: () => Promise<void>;
}) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && shouldAsk());
  const [busy, setBusy] = useState(false);
  const blocked = blocker.state === 'blocked';
  return (
    <LeaveQuestion
      opened={blocked}
      title={title}
      message={message}
      leaveLabel={leaveLabel}
      busy={busy}
      onStay={() => blocker.reset?.()}
      onLeave={async () => {
        setBusy(true);
        try {
          await beforeLeave?.();
          blocker.proceed?.();
        } catch {
          blocker.reset?.();
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

/**
 * For a dialog: its close (Esc, the X, Cancel) asks first while something was typed. Returns the guarded
 * close and the question to render beside the dialog.
 */
export function useGuardedClose(dirty: boolean, onClose: () => void) {
  const [asking, setAsking] = useState(false);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const close = useCallback(() => (dirtyRef.current ? setAsking(true) : onClose()), [onClose]);
  const question = (
    <LeaveQuestion
      opened={asking}
      title="Leave without saving?"
      message="What you typed in this dialog is not saved and will be lost."
      leaveLabel="Close without saving"
      leaveColor="red"
      onStay={() => setAsking(false)}
      onLeave={() => {
        setAsking(false);
        onClose();
      }}
    />
  );
  return { close, question, asking };
}
