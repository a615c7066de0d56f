import { createRoot } from 'react-dom/client';
import { bootPane } from '../common/boot';
import { TaskPane } from './TaskPane';

void bootPane(createRoot(document.getElementById('root')!), ({ office, api, auth }) => (
  <TaskPane office={office} api={api} signIn={() => auth.signIn()} />
));
