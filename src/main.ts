import { mount } from 'svelte';
import App from './ui/App.svelte';
import Embed from './ui/embed/Embed.svelte';
import { linkText } from './ui/link/address.ts';
import { readLink } from './ui/link/sections.ts';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
// `?embed=1` or `#embed=1` (read through the one link reader, as the playground reads its link):
// the iframe view instead of the playground
const embed = readLink(linkText(location.href)).options.embed === true;
document.documentElement.classList.toggle('embed', embed);
export default mount(embed ? Embed : App, { target });
