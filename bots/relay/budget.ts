import { DeliveryError } from "../../core/outbound/index.js";

/**
 * The messages one outbox row may still post into the staff group. Core reserved the
 * row's estimated cost in the shared sliding window before the send; a post beyond it
 * (a topic recreated under our feet, an album that grew) reserves more first, and when
 * the window is full the row is postponed before anything else is posted.
 */
export class Budget {
  private left: number;

  constructor(
    reserved: number,
    private readonly reserveMore: (units: number) => Promise<number>,
  ) {
    this.left = reserved;
  }

  async spend(units: number): Promise<void> {
    if (units <= this.left) {
      this.left -= units;
      return;
    }
    const wait = await this.reserveMore(units - this.left);
    if (wait > 0) {
      throw new DeliveryError(
        "RATE_LIMITED",
        "the staff group's message budget for this minute is used up",
        wait,
      );
    }
    this.left = 0;
  }
}
