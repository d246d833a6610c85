import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Opens an account's card (the shell's navigation), for links anywhere in the views. */
export const OpenAccount = createContext<(id: string) => void>(() => {});

/** The account's name as a link to its card; the name is text (captured, untrusted). */
export function AccountLink(props: { id: string | null; name: string | null }) {
  const open = useContext(OpenAccount);
  if (props.id === null) return <>{props.name ?? ''}</>;
  const id = props.id;
  return (
    <a
      class="account-link"
      href={`/account/${encodeURIComponent(id)}`}
      onClick={(event) => {
        event.preventDefault();
        open(id);
      }}
    >
      {props.name ?? id}
    </a>
  );
}
