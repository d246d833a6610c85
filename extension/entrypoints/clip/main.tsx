import { render } from 'preact';
import { browserClipPorts } from '../../clip/browser-ports';
import { ClipPage } from '../../ui/ClipPage';
import '../../ui/popup.css';
import '../../ui/clip.css';

const root = document.getElementById('app');
if (root) void browserClipPorts(location.search).then((ports) => render(<ClipPage ports={ports} />, root));
