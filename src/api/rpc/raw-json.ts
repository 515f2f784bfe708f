/**
 * A handler's result that is already JSON text (e.g. assembled from cached post objects): the dispatcher
 * puts it into the response as it is, rather than building and serializing the value again. Whoever
 * makes one vouches that `text` is one valid JSON value.
 */
export class RawJson {
  constructor(readonly text: string) {}
}
