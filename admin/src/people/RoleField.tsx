import type { StaffRole } from "@webchat/shared";
import { ROLES, ROLE_TEXT } from "./labels";

/** A labelled choice of staff role (agent, supervisor, admin), as every People form asks it. */
export function RoleField({ id, value, onChange, autoFocus }: { id: string; value: StaffRole; onChange: (role: StaffRole) => void; autoFocus?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as StaffRole)} autoFocus={autoFocus}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_TEXT[r]}
          </option>
        ))}
      </select>
    </div>
  );
}
