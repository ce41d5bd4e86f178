/**
 * Copies a link to the clipboard and tells `say` what happened: at once "Select the link and copy
 * it.", then "Link copied." once the clipboard took it. Never throws: a clipboard that refuses
 * (permissions, an insecure context) leaves the link on screen, selectable, to copy by hand.
 */
export async function copyLink(url: string, say: (message: string) => void): Promise<void> {
  say('Select the link and copy it.');
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(url);
      say('Link copied.');
    }
  } catch {
    // refused: the message already says to copy it by hand
  }
}
