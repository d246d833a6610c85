import { render } from 'preact';
import { Popup } from '../../ui/Popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
