import { startClipTriggers } from '../clip/background-triggers';
import { startBackground } from '../sync/background';

export default defineBackground(() => {
  startBackground();
  startClipTriggers();
});
