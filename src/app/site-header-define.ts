/** Registers the desktop pages' header; each of their views imports this (src/app/main.ts places it). */
import { FwSiteHeader } from './site-header.js';

if (!customElements.get('fw-site-header')) customElements.define('fw-site-header', FwSiteHeader);
