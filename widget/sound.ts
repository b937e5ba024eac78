/**
 * The optional new-message sound: a short sine beep made with WebAudio, so there is no audio
 * file to download. Browsers only let audio start after the visitor has interacted with the
 * page; before that the beep is silently skipped.
 */
let context: AudioContext | undefined;

export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === "suspended") void context.resume().catch(() => undefined);
    const now = context.currentTime;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, now);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + 0.25);
  } catch {
    // No WebAudio (or not allowed): no sound.
  }
}
