import { startBackground } from '../sync/background';

export default defineBackground(() => {
  startBackground();
});
