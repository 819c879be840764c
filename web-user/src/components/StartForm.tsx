import { useState, type FormEvent } from "react";
import { ENTRY } from "../focus";
import { useI18n } from "../i18n/context";

/** The first step: the greeting, and the visitor's name (unless the host site signed them in). */
export function StartForm({
  initialName,
  signedInAs = null,
  greeting = "",
  starting,
  onStart,
}: {
  initialName: string;
  /** The host site's signed-in user: no name to ask for. */
  signedInAs?: string | null;
  /** The console's greeting; "" for the app's own. */
  greeting?: string;
  starting: boolean;
  onStart: (name: string) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initialName);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() || signedInAs) onStart(name);
  }
  const hi = signedInAs ? `${t("start.hi", { name: signedInAs })} ` : "";
  const intro = greeting ? hi + greeting : signedInAs ? t("start.introSignedIn", { name: signedInAs }) : t("start.intro");
  // the console's greeting may be written in another language than the page's
  const introDir = greeting ? "auto" : undefined;
  const button = starting ? t("start.starting") : t("start.button");
  if (signedInAs) {
    return (
      <form className="start-form" onSubmit={submit}>
        <p className="start-intro" dir={introDir}>
          {intro}
        </p>
        <button type="submit" className="primary" disabled={starting} {...ENTRY}>
          {button}
        </button>
      </form>
    );
  }
  return (
    <form className="start-form" onSubmit={submit}>
      <p className="start-intro" dir={introDir}>
        {intro}
      </p>
      <label htmlFor="start-name">{t("start.name")}</label>
      <input id="start-name" value={name} maxLength={80} autoComplete="name" onChange={(e) => setName(e.target.value)} required {...ENTRY} />
      <button type="submit" className="primary" disabled={starting || !name.trim()}>
        {button}
      </button>
    </form>
  );
}
