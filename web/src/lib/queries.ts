/**
 * Every GraphQL document the app sends, by feature. Names follow SPEC §4. Each is written with the
 * generated `graphql()` (src/gql, `npm run codegen`), so it is checked against schema/supergraph.graphql
 * and typed: `useQuery({ query: MODELS })` knows its data and variables. A fragment is used by name
 * alone (codegen adds its definition to every document that spreads it).
 */
import { graphql } from '../gql';

// --- access ---------------------------------------------------------------------------------
export const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
    }
  }
`);

/** Ends the token on the server too, so a copy of it (another tab, a leaked log) stops working. */
export const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);

export const ME = graphql(`
  query Me($locale: String!) {
    me {
      id
      username
      displayName
      roles
      menus(locale: $locale) {
        key
        title
        path
      }
    }
  }
`);

/** Which root fields and entity fields the deployed supergraph has (see capabilities.tsx). */
export const CAPABILITIES = graphql(`
  query Capabilities {
    __schema {
      queryType {
        fields {
          name
        }
      }
      mutationType {
        fields {
          name
        }
      }
      subscriptionType {
        fields {
          name
        }
      }
    }
    modelRequestType: __type(name: "ModelRequest") {
      fields {
        name
      }
    }
  }
`);

export const USER_FIELDS = graphql(`
  fragment UserFields on User {
    id
    username
    displayName
    roles
    messengerId
    createdAt
  }
`);

export const USERS = graphql(`
  query Users {
    users {
      ...UserFields
    }
  }
`);

export const CREATE_USER = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
`);

export const ASSIGN_ROLES = graphql(`
  mutation AssignRoles($userId: ID!, $roles: [Role!]!) {
    assignRoles(userId: $userId, roles: $roles) {
      ...UserFields
    }
  }
`);

// --- models ---------------------------------------------------------------------------------
export const MODEL_SUMMARY = graphql(`
  fragment ModelSummary on ModelRequest {
    id
    name
    requestedBy
    state
    stage
    progress
    queuePosition
    createdAt
    updatedAt
    spec {
      dataset
      label
      algorithm
    }
  }
`);

export const MODEL_DETAIL = graphql(`
  fragment ModelDetail on ModelRequest {
    ...ModelSummary
    description
    reason
    trainingCandidate
    spec {
      features
      validationFraction
    }
    metrics {
      auc
      accuracy
      f1
      logLoss
      trainingRows
      validationRows
      durationMs
      featureImportance {
        feature
        importance
      }
    }
    history {
      state
      at
      by
      note
    }
  }
`);

export const MODEL_REQUESTS = graphql(`
  query ModelRequests($state: ModelState, $requestedBy: String, $first: Int, $after: String) {
    modelRequests(state: $state, requestedBy: $requestedBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ModelSummary
        }
      }
    }
  }
`);

export const MODEL_REQUEST = graphql(`
  query ModelRequest($id: ID!) {
    modelRequest(id: $id) {
      ...ModelDetail
    }
  }
`);

/**
 * The leaderboard and validation curves of a COMPLETED model: asked for once the model is done, not
 * carried by every live update.
 */
export const MODEL_EVALUATION = graphql(`
  query ModelEvaluation($id: ID!) {
    modelRequest(id: $id) {
      id
      name
      state
      spec {
        dataset
        label
        algorithm
      }
      metrics {
        auc
        accuracy
        f1
        logLoss
        validationRows
        durationMs
      }
      leaderboard {
        rank
        algorithm
        settings
        auc
        logLoss
        f1
        trainingMs
        chosen
      }
      evaluation {
        rows
        baseRate
        ks
        threshold
        roc {
          threshold
          fpr
          tpr
        }
        lift {
          depth
          lift
          cumulativeGain
          responseRate
        }
        calibration {
          predicted
          observed
          count
        }
        confusion {
          truePositive
          falsePositive
          trueNegative
          falseNegative
        }
      }
    }
  }
`);

/** The same request with the targets the targets subgraph contributes (only sent when it exists). */
export const MODEL_REQUEST_TARGETS = graphql(`
  query ModelRequestTargets($id: ID!) {
    modelRequest(id: $id) {
      id
      targets {
        id
        name
        state
        targetCount
        updatedAt
      }
    }
  }
`);

export const DATASETS = graphql(`
  query Datasets {
    datasets {
      name
      description
      rowCount
      labels
      columns {
        name
        type
      }
    }
  }
`);

export const REQUEST_MODEL = graphql(`
  mutation RequestModel($input: RequestModelInput!) {
    requestModel(input: $input) {
      ...ModelDetail
    }
  }
`);

export const APPROVE_MODEL = graphql(`
  mutation ApproveModel($id: ID!) {
    approveModel(id: $id) {
      ...ModelSummary
    }
  }
`);

export const REJECT_MODEL = graphql(`
  mutation RejectModel($id: ID!, $reason: String!) {
    rejectModel(id: $id, reason: $reason) {
      ...ModelSummary
    }
  }
`);

export const CANCEL_MODEL = graphql(`
  mutation CancelModel($id: ID!) {
    cancelModel(id: $id) {
      ...ModelDetail
    }
  }
`);

export const MODEL_CHANGED = graphql(`
  subscription ModelRequestChanged($id: ID) {
    modelRequestChanged(id: $id) {
      ...ModelDetail
    }
  }
`);

// --- targets (SPEC §4; pages degrade while the subgraph is not deployed) --------------------
export const TARGET_SUMMARY = graphql(`
  fragment TargetSummary on TargetRequest {
    id
    name
    requestedBy
    state
    progress
    targetCount
    createdAt
    updatedAt
    model {
      id
      name
    }
    criteria {
      topN
      minScore
    }
  }
`);

export const TARGET_DETAIL = graphql(`
  fragment TargetDetail on TargetRequest {
    ...TargetSummary
    message
    reason
    scoreSummary {
      min
      max
      mean
      p50
      p90
    }
    dispatch {
      midasJobId
      state
      sent
      failed
      attempts
      lastError
    }
    history {
      state
      at
      by
      note
    }
  }
`);

export const TARGET_REQUESTS = graphql(`
  query TargetRequests($state: TargetState, $requestedBy: String, $modelRequestId: ID, $first: Int, $after: String) {
    targetRequests(state: $state, requestedBy: $requestedBy, modelRequestId: $modelRequestId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TargetSummary
        }
      }
    }
  }
`);

export const TARGET_REQUEST = graphql(`
  query TargetRequest($id: ID!) {
    targetRequest(id: $id) {
      ...TargetDetail
    }
  }
`);

export const TARGET_MEMBERS = graphql(`
  query TargetMembers($targetRequestId: ID!, $first: Int, $after: String) {
    targetMembers(targetRequestId: $targetRequestId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          customerId
          score
          rank
        }
      }
    }
  }
`);

export const REQUEST_TARGET = graphql(`
  mutation RequestTargetExtraction($input: RequestTargetInput!) {
    requestTargetExtraction(input: $input) {
      ...TargetDetail
    }
  }
`);

export const APPROVE_TARGET = graphql(`
  mutation ApproveTarget($id: ID!) {
    approveTarget(id: $id) {
      ...TargetSummary
    }
  }
`);

export const REJECT_TARGET = graphql(`
  mutation RejectTarget($id: ID!, $reason: String!) {
    rejectTarget(id: $id, reason: $reason) {
      ...TargetSummary
    }
  }
`);

export const CANCEL_TARGET = graphql(`
  mutation CancelTarget($id: ID!) {
    cancelTarget(id: $id) {
      ...TargetDetail
    }
  }
`);

export const TARGET_CHANGED = graphql(`
  subscription TargetRequestChanged($id: ID) {
    targetRequestChanged(id: $id) {
      ...TargetDetail
    }
  }
`);

// --- notices (SPEC §4) ----------------------------------------------------------------------
export const NOTICE_FIELDS = graphql(`
  fragment NoticeFields on Notice {
    id
    kind
    subjectType
    subjectId
    title
    body
    createdAt
    readAt
    messenger {
      state
      attempts
      lastError
    }
  }
`);

export const NOTICES = graphql(`
  query Notices($unreadOnly: Boolean, $first: Int, $after: String) {
    notices(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...NoticeFields
        }
      }
    }
  }
`);

export const UNREAD_NOTICE_COUNT = graphql(`
  query UnreadNoticeCount {
    unreadNoticeCount
  }
`);

export const MARK_NOTICES_READ = graphql(`
  mutation MarkNoticesRead($ids: [ID!]) {
    markNoticesRead(ids: $ids)
  }
`);

export const NOTICE_RECEIVED = graphql(`
  subscription NoticeReceived {
    noticeReceived {
      ...NoticeFields
    }
  }
`);

export const MY_REQUESTS = graphql(`
  query MyRequests($kind: SubjectType, $first: Int, $after: String) {
    myRequests(kind: $kind, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          kind
          name
          state
          progress
          updatedAt
        }
      }
    }
  }
`);
