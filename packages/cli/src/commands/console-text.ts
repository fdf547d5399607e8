/**
 * Guest console bytes turned into host text: collected while the guest runs, then decoded
 * as UTF-8 (a character split across two flushes is kept until it is whole) and written.
 */
export class ConsoleText {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #pending: number[] = [];
  readonly #write: (text: string) => void;

  /** Text goes to `write` at each {@link ConsoleText.flush}. */
  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  /** Collects one console byte (a `ByteSink`). */
  readonly push = (byte: number): void => {
    this.#pending.push(byte);
  };

  /** Writes the text of the bytes collected so far. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#decoder.decode(Uint8Array.from(this.#pending), { stream: true });
    this.#pending.length = 0;
    if (text !== '') this.#write(text);
  }

  /** Flushes, then writes what is left of an incomplete character (as U+FFFD). */
  end(): void {
    this.flush();
    const tail = this.#decoder.decode();
    if (tail !== '') this.#write(tail);
  }
}
