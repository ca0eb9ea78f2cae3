/**
 * Whether this page is the embedded view (`?embed=1`, for an iframe in slides or an LMS page). Read before the store
 * is created: the embedded view never reads or writes the autosave or the run history, so a teacher's embed in a slide
 * cannot overwrite the teacher's own project in the same browser. The store reads it early. The view's styles load
 * with the page's (embed.css; the view's code is its own chunk).
 */
import './embed.css';
export const isEmbedSearch = (search: string): boolean => new URLSearchParams(search).get('embed') === '1';

export const IS_EMBED = typeof location !== 'undefined' && isEmbedSearch(location.search);
