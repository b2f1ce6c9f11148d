import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../shared/contract/client';
import { createIpcTransport } from './ipcTransport';

// The page gets the typed client and nothing raw: no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('briefdesk', createClient(createIpcTransport(ipcRenderer)));
