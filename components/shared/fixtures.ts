/**
 * A named example of an element, as plain HTML so that it works on any page: the component tests,
 * the axe sweep and the demo page all iterate the same list, so a new variant is tested the day it
 * is added.
 */
export interface Fixture {
  name: string;
  html: string;
}
