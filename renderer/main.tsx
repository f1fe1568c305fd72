import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ferry } from './bridge';
import { createStores } from './store/stores';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
const stores = createStores(ferry());
createRoot(root).render(
  <StrictMode>
    <App stores={stores} />
  </StrictMode>,
);
