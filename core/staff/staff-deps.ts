import type { IntakeDeps } from "../intake/index.js";

/** A finding of the etiquette guard, as staff operations need it. */
export interface EtiquetteFinding {
  kind: string;
  match: string;
  /** Locale key of the explanation shown to the agent. */
  hint: string;
}

/** What agent actions need: the intake's dependencies plus the relay's settings. */
export interface StaffDeps extends IntakeDeps {
  /** Checks an agent's reply before it reaches a parent; [] means clean. */
  checkEtiquette(text: string): EtiquetteFinding[];
  /**
   * The literacy hint: likely misspelt words of an agent's reply (a few at most), shown
   * to the agent and never holding the reply back. Absent: no hint.
   */
  checkSpelling?(text: string): string[];
  /** Hides phone numbers, e-mails and СНИЛС in what the staff card shows by default. */
  maskPersonalData(text: string): { masked: string; found: unknown[] };
  staff: {
    relayChatId: string;
    /** Lines with a staff group of their own (RELAY_CHAT_ID_<LINE>), for the audit. */
    lineChatIds?: Partial<Record<string, string>>;
    /** Sign replies with the agent's display name. */
    showAgentName: boolean;
  };
}

/** Who acts: a member of the staff group, as Telegram names them. */
export interface StaffActor {
  telegramUserId: string;
  displayName: string;
}
