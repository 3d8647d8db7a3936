// Every command id, once. package.json contributes the same list (a unit test keeps the two in step).
export const Command = {
  setApiKey: 'poeBots.setApiKey',
  clearApiKey: 'poeBots.clearApiKey',
  refresh: 'poeBots.refresh',
  openBot: 'poeBots.openBot',
  pullBot: 'poeBots.pullBot',
  openOnPoe: 'poeBots.openOnPoe',
  copyHandle: 'poeBots.copyHandle',
  deleteBot: 'poeBots.deleteBot',
  showLog: 'poeBots.showLog',
  newBotFile: 'poeBots.newBotFile',
  setEndpointSecret: 'poeBots.setEndpointSecret',
  moveKeyToSecret: 'poeBots.moveKeyToSecret',
  push: 'poeBots.push',
  create: 'poeBots.create',
  update: 'poeBots.update',
  replace: 'poeBots.replace',
  compare: 'poeBots.compare',
  pushFolder: 'poeBots.pushFolder',
  reviewApiBaseUrl: 'poeBots.reviewApiBaseUrl',
  forgetApiBaseUrlApprovals: 'poeBots.forgetApiBaseUrlApprovals',
  tryBot: 'poeBots.tryBot',
  checkEndpoint: 'poeBots.checkEndpoint',
  pullAll: 'poeBots.pullAll',
  saveConversationAsTest: 'poeBots.saveConversationAsTest',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];
