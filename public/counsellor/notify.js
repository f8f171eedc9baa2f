// @ts-check
// New requests are announced with a short tone (unless the counsellor turned
// it off; the choice stays in this browser) and, while the console is not in
// view, a count in the tab's title (see render.js).

const SOUND_KEY = 'kausa.console.sound';

/** Whether new requests make a sound. */
export function soundOn() {
  return localStorage.getItem(SOUND_KEY) !== 'off';
}

/** @param {boolean} on */
export function setSound(on) {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

/** Whether the counsellor may not have seen the page change (another tab or window in front). */
export function outOfView() {
  return document.hidden || !document.hasFocus();
}

/** A short tone, if sound is on and the browser can play it. */
export function playTone() {
  if (!soundOn()) return;
  try {
    const Audio = window.AudioContext || window.webkitAudioContext;
    const context = new Audio();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.08;
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.2);
  } catch {
    // no audio: the title still says it
  }
}
