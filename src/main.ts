import { mount } from 'svelte';
import App from './ui/App.svelte';
import Embed from './ui/embed/Embed.svelte';
import { readLink } from './ui/link/sections.ts';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
// `?embed=1` (read through the one link reader): the iframe view instead of the playground
const embed = readLink(location.search).options.embed === true;
document.documentElement.classList.toggle('embed', embed);
export default mount(embed ? Embed : App, { target });
