// Clock labels for a scenario's time axis: minute 0 is scenario.clockStart ("HH:MM").

/** "HH:MM" (or "HH:MM:SS" when seconds are not whole minutes) for t seconds after clockStart; days wrap. */
export function clockLabel(clockStart: string, tSeconds: number): string {
  const [h, m] = clockStart.split(':').map(Number);
  const total = Math.floor((h * 3600 + m * 60 + tSeconds) % 86400);
  const hh = Math.floor(total / 3600),
    mm = Math.floor((total % 3600) / 60),
    ss = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return ss === 0 ? `${pad(hh)}:${pad(mm)}` : `${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}
