import { mount } from 'svelte';
import App from './ui/App.svelte';
import Embed from './ui/embed/Embed.svelte';
import Board from './ui/board/Board.svelte';
import { linkText } from './ui/link/address.ts';
import { readLink } from './ui/link/sections.ts';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
// `?embed=1` or `#embed=1` (read through the one link reader, as the playground reads its link):
// the iframe view instead of the playground; `?board=1`: the class board (a page of its own, with
// the link's challenge when it has one)
const link = readLink(linkText(location.href));
const embed = link.options.embed === true;
document.documentElement.classList.toggle('embed', embed);
export default link.options.board
  ? mount(Board, { target, props: { challenge: link.options.challenge ?? null, issues: link.issues } })
  : mount(embed ? Embed : App, { target });
