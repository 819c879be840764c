import type { Citation } from "../protocol";
import { safeUrl } from "../format";
import { useUiStrings } from "./strings";

/** A bot answer's sources: http(s) links open in a new tab, anything else stays text. */
export function Citations({ items }: { items: Citation[] }) {
  const words = useUiStrings();
  return (
    <div className="citations">
      <span className="citations-label">{words.sources}</span>
      <ul>
        {items.map((c, i) => {
          const href = safeUrl(c.url);
          const label = c.title || c.url;
          return (
            <li key={`${c.url}-${i}`}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {label}
                </a>
              ) : (
                <span>{label}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
